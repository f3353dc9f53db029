package vn.phoihop.program.progress;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import vn.phoihop.testsupport.Callers;

/** Programs and progress through the HTTP API, for the progress integration tests. */
final class ProgressHarness {

    private final MockMvc mvc;

    ProgressHarness(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** A program (2013–2033) with a SUM indicator per code. */
    String program(String... sumIndicators) throws Exception {
        String program = JsonPath.read(mvc.perform(post("/api/v1/programs").with(Callers.admin())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"P-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"title\":\"Chương trình 09\","
                        + "\"kind\":\"COORDINATION_PROGRAM\",\"startsOn\":\"2013-01-01\",\"endsOn\":\"2033-12-31\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        for (String code : sumIndicators) {
            mvc.perform(post("/api/v1/programs/" + program + "/indicators").with(Callers.admin())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"code\":\"" + code + "\",\"name\":\"" + code + "\",\"aggregation\":\"SUM\"}"))
                    .andExpect(status().isCreated());
        }
        return program;
    }

    /** The actual figure of one indicator; {@code unit} null: the whole program; {@code range} e.g. {@code &from=…&to=…}. */
    Double actual(String program, String unit, String range, String code) throws Exception {
        String json = mvc.perform(get("/api/v1/programs/" + program + "/progress?" + (unit == null ? "" : "unitId=" + unit)
                        + range).with(Callers.admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Number> values = JsonPath.read(json, "$.indicators[?(@.code == '" + code + "')].actual");
        return values.get(0) == null ? null : values.get(0).doubleValue();
    }

    /** The whole progress document of a unit over a range, for comparing figures before and after. */
    String figures(String program, String unit, String range) throws Exception {
        return mvc.perform(get("/api/v1/programs/" + program + "/progress?" + (unit == null ? "" : "unitId=" + unit)
                        + range).with(Callers.admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}

package vn.phoihop.program;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import vn.phoihop.testsupport.Callers;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** What the program-service integration tests share. */
final class ProgramServiceHarness {

    private ProgramServiceHarness() {
    }

    static RequestPostProcessor admin() {
        return Callers.admin();
    }

    static String programBody(String code) {
        return "{\"code\":\"" + code + "\",\"aliases\":[],\"title\":\"Đẩy mạnh phong trào Toàn dân bảo vệ an ninh Tổ quốc\","
                + "\"kind\":\"COORDINATION_PROGRAM\",\"issuers\":[\"Bộ Công an\",\"Ủy ban Trung ương MTTQ Việt Nam\"],"
                + "\"implementsId\":null,\"startsOn\":\"2023-01-01\",\"endsOn\":\"2033-12-31\"}";
    }

    static String createProgram(MockMvc mvc, String code) throws Exception {
        String json = mvc.perform(post("/api/v1/programs").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(programBody(code)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("DRAFT"))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(json, "$.id");
    }

}

package vn.phoihop.platform.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A body validated together with a constrained path variable goes through method validation: its mistakes must
 * still name the body's fields, as when the body is validated alone.
 */
class MethodValidationProblemTest {

    record Rename(@Size(max = 5) String name, @Size(max = 2) String code) {
    }

    @RestController
    static class Things {
        @PatchMapping("/things/{id}")
        String rename(@PathVariable @Pattern(regexp = "[a-z]+") String id, @Valid @RequestBody Rename request) {
            return "ok";
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Things()).setControllerAdvice(new ProblemAdvice())
            .setValidator(validator()).build();

    @Test
    void aBodysMistakesNameItsFieldsAndAPathVariableItsName() throws Exception {
        mvc.perform(patch("/things/abc").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"too long\",\"code\":\"ok\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        mvc.perform(patch("/things/ABC").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"ok\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("id"));
    }

    private static LocalValidatorFactoryBean validator() {
        var validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        return validator;
    }
}

package vn.phoihop.gateway.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's own OpenAPI document ({@code /v3/api-docs}): the live stream. The services' documents
 * are proxied at {@code /v3/api-docs/units} and {@code /v3/api-docs/programs}; the UI lists all three.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfig {

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(new Info().title("phoihop gateway").version("v1")
                        .description("Live event stream (Server-Sent Events). Tokens: POST /oauth2/token "
                                + "with grant_type=client_credentials and HTTP Basic client credentials."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}

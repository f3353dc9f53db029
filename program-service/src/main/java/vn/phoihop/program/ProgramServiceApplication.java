package vn.phoihop.program;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/** Programs, their indicators and targets, and the progress computed from activity events. */
@SpringBootApplication
@EnableMethodSecurity // role checks on admin operations such as the progress rebuild
public class ProgramServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProgramServiceApplication.class, args);
    }
}

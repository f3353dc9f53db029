package vn.phoihop.unit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Units, their members and the activity logs kept under them. */
@SpringBootApplication
public class UnitServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(UnitServiceApplication.class, args);
    }
}

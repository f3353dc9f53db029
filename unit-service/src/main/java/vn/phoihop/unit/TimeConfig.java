package vn.phoihop.unit;

import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Dates such as "today" are Viet Nam's dates, whatever the server's zone. */
@Configuration(proxyBeanMethods = false)
class TimeConfig {

    @Bean
    ZoneId businessZone(@Value("${phoihop.time-zone:Asia/Ho_Chi_Minh}") String zone) {
        return ZoneId.of(zone);
    }
}

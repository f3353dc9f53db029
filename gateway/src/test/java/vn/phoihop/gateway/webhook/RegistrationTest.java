package vn.phoihop.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import vn.phoihop.events.EventTypes;
import vn.phoihop.gateway.problem.ApiProblem;

class RegistrationTest {

    private static final TargetPolicy POLICY = new TargetPolicy(false, false);

    @Test
    void aListOfMoreTypesThanThereAreIsOneErrorNotOnePerEntry() {
        List<String> types = IntStream.range(0, 10_000).mapToObj(i -> "activity.teleported" + i + ".v1").toList();
        var registration = new Registration("https://partner.example/hooks", types, null, null);

        assertThatThrownBy(() -> registration.validate(POLICY)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.errors()).hasSizeLessThanOrEqualTo(2); // the URL's, where its host does not resolve here
            assertThat(problem.errors()).filteredOn(error -> error.field().equals("eventTypes")).singleElement()
                    .satisfies(error -> assertThat(error.message()).contains("at most " + EventTypes.ALL.size()));
        });
    }

    @Test
    void eachUnknownTypeOfAShortListIsNamed() {
        var registration = new Registration("https://partner.example/hooks",
                List.of("activity.submitted.v1", "activity.teleported.v1"), null, null);
        assertThatThrownBy(() -> registration.validate(POLICY)).isInstanceOfSatisfying(ApiProblem.class,
                problem -> assertThat(problem.errors()).filteredOn(error -> error.field().equals("eventTypes"))
                        .singleElement().satisfies(error -> assertThat(error.message()).contains("activity.teleported.v1")));
    }
}

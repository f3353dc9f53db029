package vn.phoihop.program.unitview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import vn.phoihop.program.unitview.mongo.UnitPlaces;
import vn.phoihop.testsupport.WithInfrastructure;

/** The in-memory copy of the unit view follows changes this JVM did not make, as another instance's would be. */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class UnitIndexIT {

    @Autowired
    UnitTreeView units;
    @Autowired
    UnitPlaces places;

    @Test
    void aMergeStoredByAnotherInstanceShowsInTheNextRollUp() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String province = "p-" + run;
        String old = "old-" + run;
        String merged = "new-" + run;
        places.placed(province, null);
        places.placed(old, province);
        places.placed(merged, province);
        places.changed();
        assertThat(units.rollUp(merged)).containsExactly(merged);

        places.ended(old, LocalDate.of(2025, 7, 1), merged, List.of(province));
        places.succeeded(merged, List.of(old));
        places.changed(); // by the other instance: this JVM's listener heard nothing

        assertThat(units.rollUp(merged)).containsExactly(merged, old);
        assertThat(units.rollUp(province)).containsExactly(province);
    }
}

package vn.phoihop.unit.activity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.phoihop.unit.unit.UnitKind;

class AgencyTest {

    @Test
    void policeAndFrontUnitsAnswerToTheirAgencyAndEveryOtherKindToOther() {
        assertThat(Agency.of(UnitKind.POLICE_UNIT)).isEqualTo(Agency.POLICE);
        assertThat(Agency.of(UnitKind.FRONT_COMMITTEE)).isEqualTo(Agency.FRONT);
        assertThat(Agency.of(UnitKind.MEMBER_ORGANISATION)).isEqualTo(Agency.FRONT);
        assertThat(Agency.of(UnitKind.STEERING_COMMITTEE)).isEqualTo(Agency.OTHER);
        assertThat(Agency.of(UnitKind.COMMUNE)).isEqualTo(Agency.OTHER);
        assertThat(Agency.of(UnitKind.SECURITY_TEAM)).isEqualTo(Agency.OTHER);
    }

    @Test
    void onlyTheThreeClaimValuesAreAgencies() {
        assertThat(Agency.ofClaim("FRONT")).isEqualTo(Agency.FRONT);
        assertThat(Agency.ofClaim("front")).isNull();
        assertThat(Agency.ofClaim(null)).isNull();
        assertThat(Agency.ofClaim(java.util.List.of("POLICE"))).isNull();
    }
}

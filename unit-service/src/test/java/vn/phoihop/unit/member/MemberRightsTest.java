package vn.phoihop.unit.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static vn.phoihop.unit.member.MemberRosterTest.AN;
import static vn.phoihop.unit.member.MemberRosterTest.BINH;
import static vn.phoihop.unit.member.MemberRosterTest.CLOCK;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.phoihop.events.EventCodec;
import vn.phoihop.platform.audit.AuditEntry;
import vn.phoihop.platform.audit.AuditLog;
import vn.phoihop.platform.audit.AuditTrail;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.unit.member.mongo.MemberStore;
import vn.phoihop.unit.scope.Scope;
import vn.phoihop.unit.unit.Unit;
import vn.phoihop.unit.unit.UnitKind;
import vn.phoihop.unit.unit.UnitRegistry;

/** The decisions of a member's rights, in memory: the audit entry comes before the erasure or the export. */
class MemberRightsTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    final MemberStore store = mock(MemberStore.class);
    final UnitRegistry units = mock(UnitRegistry.class);
    final AuditTrail trail = mock(AuditTrail.class);
    final List<AuditEntry> recorded = new ArrayList<>();
    AuditLog audit = recorded::add;

    @BeforeEach
    void aTeamWithTwoMembers() {
        when(units.find("u-team", null, Scope.national())).thenReturn(Optional.of(new Unit("u-team", "T1", "Tổ ANTT",
                UnitKind.SECURITY_TEAM, null, List.of(), LocalDate.of(2025, 7, 1), null, List.of())));
        when(store.roster("u-team")).thenReturn(List.of(AN, BINH));
    }

    @Test
    void whenTheAuditCannotBeWrittenNothingIsErasedOrExported() {
        audit = entry -> {
            throw new IllegalStateException("audit store down");
        };
        assertThatThrownBy(() -> rights().erase("u-team", "m-1", "request 7", "officer", Scope.national()))
                .hasMessage("audit store down");
        assertThatThrownBy(() -> rights().export("u-team", "m-1", new Reader("o", true, "subject request"),
                Scope.national())).hasMessage("audit store down");
        verify(store, never()).erase(any(), any(), any());
        verify(trail, never()).find(any());
    }

    @Test
    void anErasureIsRecordedWithItsReasonBeforeTheDataGoes() {
        when(store.erase("u-team", "m-1", CLOCK.instant())).thenAnswer(call -> {
            assertThat(recorded).as("recorded first").hasSize(1);
            return true;
        });
        rights().erase("u-team", "m-1", "request 7", "officer", Scope.national());
        assertThat(recorded).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("personal-data.erase");
            assertThat(e.purpose()).isEqualTo("request 7");
            assertThat(e.resourceIds()).containsExactly("m-1");
        });
    }

    @Test
    void onlyAnUnmaskedReaderExportsAndConsentIsNeverGivenInTheFuture() {
        for (var reader : List.of(new Reader("o", true, null), new Reader("o", false, "why"))) {
            assertThatThrownBy(() -> rights().export("u-team", "m-1", reader, Scope.national()))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(400));
        }
        LocalDate tomorrow = LocalDate.now(CLOCK.withZone(ZONE)).plusDays(1);
        assertThatThrownBy(() -> rights().recordConsent("u-team", "m-1",
                new Consent.Statement(ConsentBasis.CONSENT, tomorrow, null), "officer", Scope.national()))
                .isInstanceOfSatisfying(ApiException.class, e ->
                        assertThat(e.errors()).extracting(ApiException.FieldError::field).containsExactly("givenOn"));
        assertThat(recorded).isEmpty();
        verify(store, never()).recordConsent(any(), any(), any());
    }

    private MemberRights rights() {
        var memberAudit = new MemberAudit(audit, CLOCK);
        var roster = new MemberRoster(store, units, memberAudit, new EventCodec("/unit-service", CLOCK), ZONE, CLOCK);
        return new MemberRights(roster, store, memberAudit, trail, ZONE, CLOCK);
    }
}

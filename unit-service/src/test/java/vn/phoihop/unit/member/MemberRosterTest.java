package vn.phoihop.unit.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static vn.phoihop.logguard.PersonalDataSamples.FULL_NAME;
import static vn.phoihop.logguard.PersonalDataSamples.OTHER_NATIONAL_ID;
import static vn.phoihop.logguard.PersonalDataSamples.OTHER_NATIONAL_ID_MASKED;
import static vn.phoihop.logguard.PersonalDataSamples.OTHER_PHONE;
import static vn.phoihop.logguard.PersonalDataSamples.OTHER_PHONE_MASKED;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.phoihop.events.EventCodec;
import vn.phoihop.platform.audit.AuditEntry;
import vn.phoihop.platform.audit.AuditLog;
import vn.phoihop.unit.member.mongo.MemberStore;
import vn.phoihop.unit.scope.Scope;
import vn.phoihop.unit.unit.Unit;
import vn.phoihop.unit.unit.UnitKind;
import vn.phoihop.unit.unit.UnitRegistry;

/** Disclosure and audit decisions of the roster, in memory: the audit comes first and fails closed. */
class MemberRosterTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-08-19T02:30:00Z"), ZoneOffset.UTC);
    static final Member AN = new Member("m-1", "u-team", FULL_NAME, MemberRole.TEAM_LEADER, OTHER_PHONE,
            OTHER_NATIONAL_ID, LocalDate.of(2025, 8, 1), null, CLOCK.instant(), "admin");
    static final Member BINH = new Member("m-2", "u-team", "Trần Thị Bình", MemberRole.MEMBER, null, null,
            LocalDate.of(2025, 8, 1), null, CLOCK.instant(), "admin");

    final MemberStore store = mock(MemberStore.class);
    final UnitRegistry units = mock(UnitRegistry.class);
    final List<AuditEntry> recorded = new ArrayList<>();
    AuditLog audit = recorded::add;

    @BeforeEach
    void aTeamWithTwoMembers() {
        when(units.find("u-team", null, Scope.national())).thenReturn(Optional.of(new Unit("u-team", "T1", "Tổ ANTT", UnitKind.SECURITY_TEAM,
                null, List.of(), LocalDate.of(2025, 7, 1), null, List.of())));
        when(store.roster("u-team")).thenReturn(List.of(AN, BINH));
    }

    @Test
    void anUnmaskedReadIsAuditedWithWhoWhyAndWhich() {
        var found = roster().find("u-team", "m-1", new Reader("officer-7", true, "case-verification"), Scope.national());
        assertThat(found.member().phone()).isEqualTo(OTHER_PHONE);
        assertThat(recorded).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("officer-7");
            assertThat(e.purpose()).isEqualTo("case-verification");
            assertThat(e.resourceIds()).containsExactly("m-1");
            assertThat(e.unitId()).isEqualTo("u-team");
            assertThat(e.at()).isEqualTo(CLOCK.instant());
        });
    }

    @Test
    void maskedReadsAndReadsOfMembersWithoutPersonalDataAreNotAudited() {
        assertThat(roster().find("u-team", "m-1", new Reader("o", false, "x"), Scope.national()).member().phone())
                .isEqualTo(OTHER_PHONE_MASKED);
        assertThat(roster().find("u-team", "m-1", new Reader("o", true, null), Scope.national()).member().nationalId())
                .isEqualTo(OTHER_NATIONAL_ID_MASKED);
        assertThat(roster().find("u-team", "m-2", new Reader("o", true, "x"), Scope.national()).member().phone()).isNull();
        assertThat(recorded).isEmpty();
    }

    @Test
    void whenTheAuditCannotBeWrittenNothingIsDisclosed() {
        audit = entry -> {
            throw new IllegalStateException("audit store down");
        };
        assertThatThrownBy(() -> roster().find("u-team", "m-1", new Reader("o", true, "x"), Scope.national()))
                .hasMessage("audit store down");
        assertThatThrownBy(() -> roster().list("u-team", null, 50, new Reader("o", true, "x"), Scope.national()))
                .hasMessage("audit store down");
        assertThat(roster().list("u-team", null, 50, new Reader("o", false, null), Scope.national()).items())
                .extracting(Member::phone).containsExactly(OTHER_PHONE_MASKED, null);
    }

    @Test
    void aListPageNamesOnlyTheMembersWhosePersonalDataItReturned() {
        var page = roster().list("u-team", null, 1, new Reader("o", true, "review"), Scope.national());
        assertThat(page.items()).containsExactly(AN);
        assertThat(page.after()).isEqualTo("m-1");
        assertThat(roster().list("u-team", "m-1", 1, new Reader("o", true, "review"), Scope.national()).after()).isNull();
        assertThat(recorded).singleElement().satisfies(e -> assertThat(e.resourceIds()).containsExactly("m-1"));
    }

    @Test
    void aFilteredListPagesOverTheMembersItKeepsWithCursorsIntoTheWholeRoster() {
        Member chi = new Member("m-3", "u-team", "Lê Văn Chí", MemberRole.MEMBER, OTHER_PHONE, null,
                LocalDate.of(2025, 8, 1), null, CLOCK.instant(), "admin");
        when(store.roster("u-team")).thenReturn(List.of(AN, BINH, chi));
        var reader = new Reader("o", false, null);
        var first = roster().list("u-team", null, 1, Member::lacksConsent, reader, Scope.national());
        assertThat(first.items()).extracting(Member::id).containsExactly("m-1");
        assertThat(first.after()).isEqualTo("m-1");
        var second = roster().list("u-team", "m-1", 1, Member::lacksConsent, reader, Scope.national());
        assertThat(second.items()).extracting(Member::id).containsExactly("m-3");
        assertThat(second.after()).isNull();
        assertThat(roster().list("u-team", "m-2", 5, Member::lacksConsent, reader, Scope.national()).items())
                .as("a cursor naming a member the filter leaves out").extracting(Member::id).containsExactly("m-3");
    }

    private MemberRoster roster() {
        return new MemberRoster(store, units, new MemberAudit(audit, CLOCK), new EventCodec("/unit-service", CLOCK),
                ZoneId.of("Asia/Ho_Chi_Minh"), CLOCK);
    }
}

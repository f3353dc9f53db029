package vn.phoihop.unit.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.unit.unit.Unit;
import vn.phoihop.unit.unit.UnitKind;
import vn.phoihop.unit.unit.UnitRegistry;

/** The import's rules against a registry kept in a map. */
class UnitImportTest {

    private static final LocalDate DAY = LocalDate.parse("2025-07-01");
    private final UnitRegistry registry = mock(UnitRegistry.class);
    private final Map<String, Unit> byCode = new HashMap<>();
    /** codes the registry refuses, as a unique index would */
    private final List<String> taken = new java.util.ArrayList<>();

    @BeforeEach
    void registryInAMap() {
        when(registry.findActiveByCodes(anyList())).thenAnswer(a -> {
            var found = new HashMap<String, Unit>();
            a.<List<String>>getArgument(0).stream().filter(byCode::containsKey).forEach(c -> found.put(c, byCode.get(c)));
            return found;
        });
        when(registry.find(anyString())).thenAnswer(a -> byCode.values().stream()
                .filter(u -> u.id().equals(a.getArgument(0))).findFirst());
        when(registry.createAll(anyList(), any())).thenAnswer(a -> {
            List<UnitRegistry.Draft> drafts = a.getArgument(0);
            if (drafts.stream().anyMatch(d -> taken.contains(d.unit().code()))) {
                throw ApiException.conflict("A unit valid now already holds one of the codes");
            }
            return drafts.stream().map(d -> {
                var unit = new Unit(d.id(), d.unit().code(), d.unit().name(), d.unit().kind(), d.unit().parentId(),
                        List.of(), a.getArgument(1), null, List.of());
                byCode.put(unit.code(), unit);
                return unit;
            }).toList();
        });
    }

    private ImportResult importing(String body, long maxBytes) {
        return new UnitImport(registry, maxBytes)
                .importUnits(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), null, DAY);
    }

    @Test
    void aBodyPastTheLimitIs413AndImportsNothing() {
        String body = "code,name,level,parent_code\n" + "A1,Tỉnh A,province,\n" + "B1,Xã B,commune,A1\n".repeat(10);

        ApiException e = catchThrowableOfType(ApiException.class, () -> importing(body, 100));

        assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(e.getMessage()).contains("larger than 100 bytes").contains("nothing was imported");
        verify(registry, never()).createAll(anyList(), any());
    }

    @Test
    void aFileOfBadShapeIsRefusedWholeWithEveryBadLineListed() {
        byte[] notUtf8 = "C9,X\u00e3 h\u1ecfng,commune,P1\n".getBytes(StandardCharsets.ISO_8859_1);
        String head = """
                code,name,level,parent_code
                P1,Tỉnh Một,province,
                C1,"Xã ""Hòa"" Bình,commune,P1
                C2,Xã Hai,commune,D9
                D9,Huyện Chín,district,P1
                C3,Xã Ba,commune,NOWHERE
                C4,Xã Bốn,commune
                P1,Tỉnh Một lần nữa,province,
                """;
        byte[] body = concat(head.getBytes(StandardCharsets.UTF_8), notUtf8);

        ApiException e = catchThrowableOfType(ApiException.class, () -> new UnitImport(registry, 10_000)
                .importUnits(new ByteArrayInputStream(body), null, DAY));

        assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(e.getMessage()).contains("nothing was imported");
        assertThat(e.properties()).containsEntry("errorCount", 6);
        @SuppressWarnings("unchecked")
        var lines = (List<ImportResult.LineError>) e.properties().get("errors");
        assertThat(lines).extracting(ImportResult.LineError::line).containsExactly(3, 4, 6, 7, 8, 9);
        assertThat(lines.get(0).message()).contains("quote");
        assertThat(lines.get(1).message()).contains("comes later, on line 5");
        assertThat(lines.get(2).message()).contains("neither on an earlier line nor held by an active unit");
        assertThat(lines.get(3).message()).contains("expected 4 fields");
        assertThat(lines.get(4).message()).contains("already appears on line 2");
        assertThat(lines.get(5).message()).contains("UTF-8");
        verify(registry, never()).createAll(anyList(), any());
    }

    @Test
    void columnsMayComeInAnyOrderAndAParentMayBeAnActiveUnitOutsideTheFile() {
        byCode.put("P0", new Unit("p0", "P0", "Tỉnh Không", UnitKind.PROVINCE, null, List.of(), DAY, null, List.of()));
        String body = """
                level,parent_code,code,name,note
                district,P0,D1,Huyện Một,x
                commune,D1,C1,Xã Một,y
                """;

        ImportResult result = importing(body, 1000);

        assertThat(result.created()).isEqualTo(2);
        assertThat(result.errors()).isEmpty();
        assertThat(byCode.get("D1").parentId()).isEqualTo("p0");
        assertThat(byCode.get("C1").parentId()).isEqualTo(byCode.get("D1").id());
        assertThat(byCode.get("C1").kind()).isEqualTo(UnitKind.COMMUNE);
    }

    @Test
    void rowsAreStoredInBatchesWhoseChildrenHangUnderParentsOfTheSameBatch() {
        var body = new StringBuilder("code,name,level,parent_code\nP1,Tỉnh Một,province,\n");
        for (int i = 0; i < 1200; i++) {
            body.append("C").append(i).append(",Xã ").append(i).append(",commune,P1\n");
        }

        ImportResult result = importing(body.toString(), 1_000_000);

        assertThat(result.created()).isEqualTo(1201);
        verify(registry, times(3)).createAll(anyList(), any());
        assertThat(byCode.get("C1199").parentId()).isEqualTo(byCode.get("P1").id());
        assertThat(importing(body.toString(), 1_000_000).unchanged()).isEqualTo(1201);
    }

    @Test
    void aRefusedBatchIsStoredRowByRowSoOnlyTheRefusedRowIsAnError() {
        taken.add("C2");
        String body = """
                code,name,level,parent_code
                P1,Tỉnh Một,province,
                C1,Xã Một,commune,P1
                C2,Xã Hai,commune,P1
                C3,Xã Ba,commune,P1
                """;

        ImportResult result = importing(body, 1000);

        assertThat(result.created()).isEqualTo(3);
        assertThat(result.errors()).extracting(ImportResult.LineError::line).containsExactly(4);
        assertThat(byCode).containsKeys("P1", "C1", "C3").doesNotContainKey("C2");
    }

    @Test
    void contentErrorsRefuseTheirLineOnlyAndOnlyTheFirstThousandAreListedButAllAreCounted() {
        var body = new StringBuilder("code,name,level,parent_code\nP1,Tỉnh Một,province,\n");
        for (int i = 0; i < 1500; i++) {
            body.append("X").append(i).append(",,commune,P1\n");
        }

        ImportResult result = importing(body.toString(), 1_000_000);

        assertThat(result.created()).isEqualTo(1);
        assertThat(result.errorCount()).isEqualTo(1500);
        assertThat(result.errors()).hasSize(LineErrors.MAX_LISTED);
        assertThat(result.errors().get(0)).isEqualTo(new ImportResult.LineError(3, "the name is missing"));
    }

    @Test
    void aChildOfARefusedRowIsRefusedWithTheParentsLine() {
        String body = """
                code,name,level,parent_code
                P1,Tỉnh Một,region,
                C1,Xã Một,commune,P1
                """;

        ImportResult result = importing(body, 1000);

        assertThat(result.created()).isZero();
        assertThat(result.errors()).extracting(ImportResult.LineError::message)
                .containsExactly("unknown level 'region' (province, district or commune)", "parent code P1 (line 2) was not imported");
        assertThat(Optional.ofNullable(byCode.get("C1"))).isEmpty();
    }

    @Test
    void aNameWithABidiOverrideOrAnInvisibleCharacterRefusesItsLine() {
        String body = "code,name,level,parent_code\nP1,Tỉnh Một,province,\nC1,Xã \u202EtoM,commune,P1\n"
                + "C2,Xã\u200BHai,commune,P1\nC3,Xã Ba,commune,P1\n";

        ImportResult result = importing(body, 1000);

        assertThat(result.created()).isEqualTo(2);
        assertThat(result.errors()).extracting(ImportResult.LineError::line).containsExactly(3, 4);
        assertThat(result.errors()).extracting(ImportResult.LineError::message)
                .allSatisfy(message -> assertThat(message).startsWith("the name ").contains("U+"));
        assertThat(byCode).containsOnlyKeys("P1", "C3");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

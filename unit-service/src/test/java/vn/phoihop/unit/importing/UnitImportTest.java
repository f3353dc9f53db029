package vn.phoihop.unit.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
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

    @BeforeEach
    void registryInAMap() {
        when(registry.findActiveByCode(anyString())).thenAnswer(a -> Optional.ofNullable(byCode.get(a.<String>getArgument(0))));
        when(registry.find(anyString())).thenAnswer(a -> byCode.values().stream()
                .filter(u -> u.id().equals(a.getArgument(0))).findFirst());
        when(registry.create(anyString(), anyString(), any(), any(), any())).thenAnswer(a -> {
            String parentId = a.getArgument(3);
            var unit = new Unit("id-" + a.getArgument(0), a.getArgument(0), a.getArgument(1), a.getArgument(2), parentId,
                    List.of(), a.getArgument(4), null, List.of());
            byCode.put(unit.code(), unit);
            return unit;
        });
    }

    @Test
    void aBodyPastTheLimitIs413AndSaysWhatWasImportedBeforeIt() {
        var importer = new UnitImport(registry, 100);
        String body = "code,name,level,parent_code\n" + "A1,Tỉnh A,province,\n".repeat(1) + "B1,Xã B,commune,A1\n".repeat(10);

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> importer.importUnits(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), null, DAY));

        assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(e.getMessage()).contains("larger than 100 bytes").contains("created");
    }

    @Test
    void aParentThatHasEndedIsRefused() {
        byCode.put("OLD", new Unit("old", "OLD", "Huyện cũ", UnitKind.DISTRICT, null, List.of(), DAY.minusYears(5),
                DAY, List.of("new")));

        ApiException e = catchThrowableOfType(ApiException.class, () -> new UnitImport(registry, 1000)
                .importUnits(new ByteArrayInputStream("code,name,level,parent_code\n".getBytes()), "old", DAY));

        assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    }

    @Test
    void columnsMayComeInAnyOrderAndChildrenMayComeBeforeTheirParents() {
        String body = """
                level,parent_code,code,name
                commune,D1,C1,Xã Một
                district,P1,D1,Huyện Một
                province,,P1,Tỉnh Một
                """;

        ImportResult result = new UnitImport(registry, 1000)
                .importUnits(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), null, DAY);

        assertThat(result.created()).isEqualTo(3);
        assertThat(result.errors()).isEmpty();
        assertThat(byCode.get("C1").parentId()).isEqualTo("id-D1");
        assertThat(byCode.get("D1").parentId()).isEqualTo("id-P1");
        assertThat(byCode.get("C1").kind()).isEqualTo(UnitKind.COMMUNE);
    }

    @Test
    void onlyTheFirstThousandErrorsAreListedButAllAreCounted() {
        String body = "code,name,level,parent_code\n" + "X,,province,\n".repeat(1500);

        ImportResult result = new UnitImport(registry, 1_000_000)
                .importUnits(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), null, DAY);

        assertThat(result.errorCount()).isEqualTo(1500);
        assertThat(result.errors()).hasSize(UnitImport.MAX_LISTED_ERRORS);
        assertThat(result.errors().get(0).line()).isEqualTo(2);
    }
}

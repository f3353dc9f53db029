package vn.phoihop.program.program;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventType;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.program.ProgramState;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.program.program.mongo.ProgramStore;

/** Creates programs and moves them through their lifecycle; every change publishes the new state. */
@Service
public class ProgramCatalog {

    private final ProgramStore store;
    private final EventCodec events;

    public ProgramCatalog(ProgramStore store, EventCodec events) {
        this.store = store;
        this.events = events;
    }

    public record NewProgram(String code, List<String> aliases, String title, ProgramKind kind, List<String> issuers,
            String implementsId, String predecessorId, java.time.LocalDate startsOn, java.time.LocalDate endsOn,
            String scopeUnitId) {
    }

    public Program create(NewProgram p) {
        if (p.endsOn().isBefore(p.startsOn())) {
            throw ApiException.invalid(new FieldError("endsOn", "is before startsOn"));
        }
        for (String related : new String[] {p.implementsId(), p.predecessorId()}) {
            if (related != null && store.find(related).isEmpty()) {
                throw ApiException.rejected("Program " + related + " does not exist",
                        new FieldError(related.equals(p.implementsId()) ? "implementsId" : "predecessorId", "unknown program"));
            }
        }
        var program = new Program(UUID.randomUUID().toString(), 1, p.code(), p.aliases(), p.title(), p.kind(),
                p.issuers(), p.implementsId(), p.predecessorId(), p.startsOn(), p.endsOn(), p.scopeUnitId(),
                ProgramStatus.DRAFT, List.of());
        store.insert(program, event(EventTypes.PROGRAM_CREATED, program));
        return program;
    }

    public Optional<Program> find(String id) {
        return store.find(id);
    }

    public Program activate(String id) {
        Program program = get(id);
        if (program.status() == ProgramStatus.ACTIVE) {
            return program; // activating twice is harmless
        }
        if (program.status() == ProgramStatus.CONCLUDED) {
            throw ApiException.conflict("Program " + id + " is concluded and cannot be activated again");
        }
        return save(program, program.activated(), EventTypes.PROGRAM_ACTIVATED);
    }

    public Indicator addIndicator(String id, Indicator indicator) {
        Program program = get(id);
        if (program.status() == ProgramStatus.CONCLUDED) {
            throw ApiException.conflict("Program " + id + " is concluded");
        }
        if (program.indicator(indicator.code()).isPresent()) {
            throw ApiException.conflict("Program " + id + " already has an indicator " + indicator.code());
        }
        checkRatio(program, indicator);
        save(program, program.withIndicator(indicator), EventTypes.PROGRAM_INDICATOR_ADDED);
        return indicator;
    }

    private void checkRatio(Program program, Indicator indicator) {
        if (indicator.aggregation() == Aggregation.LATEST) {
            throw ApiException.rejected("LATEST indicators are not supported yet; use SUM",
                    new FieldError("aggregation", "LATEST is not supported yet"));
        }
        boolean ratio = indicator.aggregation() == Aggregation.RATIO;
        for (var part : new String[][] {{"numeratorCode", indicator.numeratorCode()}, {"denominatorCode", indicator.denominatorCode()}}) {
            if (ratio && (part[1] == null || program.indicator(part[1]).filter(i -> i.aggregation() == Aggregation.SUM).isEmpty())) {
                throw ApiException.rejected("A RATIO needs two existing SUM indicators of the program",
                        new FieldError(part[0], "must name a SUM indicator of this program"));
            }
            if (!ratio && part[1] != null) {
                throw ApiException.invalid(new FieldError(part[0], "only for RATIO indicators"));
            }
        }
    }

    private Program get(String id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("Program", id));
    }

    private Program save(Program before, Program after, EventType<ProgramState> type) {
        if (!store.replace(before.version(), after, event(type, after))) {
            throw ApiException.conflict("Program " + before.id() + " was changed meanwhile; read it again and retry");
        }
        return after;
    }

    private vn.phoihop.events.CloudEvent event(EventType<ProgramState> type, Program program) {
        List<String> scope = program.scopeUnitId() == null ? List.of() : List.of(program.scopeUnitId());
        return events.create(type, program.id(), program.id(), program.id(), scope, program.state());
    }
}

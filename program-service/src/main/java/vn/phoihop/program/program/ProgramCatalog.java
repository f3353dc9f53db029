package vn.phoihop.program.program;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventType;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.program.ProgramState;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.program.program.mongo.ProgramStore;
import vn.phoihop.program.unitview.UnitTreeView;

/** Creates programs, moves them through their lifecycle and sets what they measure; every change publishes the new state. */
@Service
public class ProgramCatalog {

    private final ProgramStore store;
    private final EventCodec events;
    private final UnitTreeView units;

    public ProgramCatalog(ProgramStore store, EventCodec events, UnitTreeView units) {
        this.store = store;
        this.events = events;
        this.units = units;
    }

    public record NewProgram(String code, List<String> aliases, String title, ProgramKind kind, List<String> issuers,
            String implementsId, String predecessorId, LocalDate startsOn, LocalDate endsOn, String scopeUnitId) {
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
        if (p.scopeUnitId() != null) {
            knownUnit(p.scopeUnitId(), "scopeUnitId");
        }
        var program = new Program(UUID.randomUUID().toString(), 1, p.code(), p.aliases(), p.title(), p.kind(),
                p.issuers(), p.implementsId(), p.predecessorId(), p.startsOn(), p.endsOn(), p.scopeUnitId(),
                ProgramStatus.DRAFT, List.of(), List.of(), List.of());
        store.insert(program, event(EventTypes.PROGRAM_CREATED, program));
        return program;
    }

    public Optional<Program> find(String id) {
        return store.find(id);
    }

    /** {@code scopeUnitIds}: only programs of the whole country or with one of these scope units; null: all. */
    public List<Program> list(ProgramStatus status, String q, int limit, String after, Set<String> scopeUnitIds) {
        return store.list(status, q, limit, after, scopeUnitIds);
    }

    /** DRAFT or SUSPENDED → ACTIVE; a program needs an indicator before it can take activities. */
    public Program activate(String id) {
        Program program = get(id);
        if (program.indicators().isEmpty()) {
            throw ApiException.rejected("Program " + id + " has no indicators; add one before activating it",
                    new FieldError("indicators", "none yet"));
        }
        return moveTo(program, ProgramStatus.ACTIVE,
                program.status() == ProgramStatus.SUSPENDED ? EventTypes.PROGRAM_RESUMED : EventTypes.PROGRAM_ACTIVATED);
    }

    public Program suspend(String id) {
        return moveTo(get(id), ProgramStatus.SUSPENDED, EventTypes.PROGRAM_SUSPENDED);
    }

    public Program conclude(String id) {
        return moveTo(get(id), ProgramStatus.CONCLUDED, EventTypes.PROGRAM_CONCLUDED);
    }

    /** Repeating a move to the status the program is in changes nothing. */
    private Program moveTo(Program program, ProgramStatus status, EventType<ProgramState> type) {
        if (program.status() == status) {
            return program;
        }
        if (!status.reachableFrom().contains(program.status())) {
            throw ApiException.conflict("Program " + program.id() + " is " + program.status() + " and cannot become "
                    + status);
        }
        return save(program, program.withStatus(status), type);
    }

    public Indicator addIndicator(String id, Indicator indicator) {
        Program program = open(id);
        if (program.indicator(indicator.code()).isPresent()) {
            throw ApiException.conflict("Program " + id + " already has an indicator " + indicator.code());
        }
        ProgramLimits.room(program.indicators().size(), ProgramLimits.INDICATORS, "indicators");
        Indicators.check(program, indicator);
        save(program, program.withIndicator(indicator), EventTypes.PROGRAM_INDICATOR_ADDED);
        return indicator;
    }

    public Target setTarget(String id, Target target) {
        Program program = open(id);
        if (program.indicator(target.indicatorCode()).isEmpty()) {
            throw ApiException.rejected("Program " + id + " has no indicator " + target.indicatorCode(),
                    new FieldError("indicatorCode", "unknown indicator"));
        }
        if (target.periodEnd().isBefore(target.periodStart())) {
            throw ApiException.invalid(new FieldError("periodEnd", "is before periodStart"));
        }
        if (target.periodStart().isBefore(program.startsOn()) || target.periodEnd().isAfter(program.endsOn())) {
            throw ApiException.rejected("The program runs from " + program.startsOn() + " to " + program.endsOn(),
                    new FieldError("periodStart", "outside the program's period"));
        }
        inScope(program, target.unitId());
        if (program.targets().stream().noneMatch(target::sameSlot)) {
            ProgramLimits.room(program.targets().size(), ProgramLimits.TARGETS, "targets");
        }
        save(program, program.withTarget(target), EventTypes.PROGRAM_TARGET_SET);
        return target;
    }

    /** The unit and its subtree take part; enrolling again changes nothing. */
    public Program enrol(String id, String unitId) {
        Program program = open(id);
        inScope(program, unitId);
        if (program.enrolledUnitIds().contains(unitId)) {
            return program;
        }
        ProgramLimits.room(program.enrolledUnitIds().size(), ProgramLimits.ENROLMENTS, "enrolledUnitIds");
        return save(program, program.withEnrolment(unitId), EventTypes.PROGRAM_UNIT_ENROLLED);
    }

    private void inScope(Program program, String unitId) {
        knownUnit(unitId, "unitId");
        if (program.scopeUnitId() != null && !units.isWithin(unitId, program.scopeUnitId())) {
            throw ApiException.rejected("Unit " + unitId + " is outside the program's scope " + program.scopeUnitId(),
                    new FieldError("unitId", "outside the program's scope"));
        }
    }

    private void knownUnit(String unitId, String field) {
        if (units.find(unitId).isEmpty()) {
            throw ApiException.rejected("Unit " + unitId + " is unknown here (units arrive as events: if it was"
                    + " created a moment ago, retry shortly)", new FieldError(field, "unknown unit"));
        }
    }

    private Program get(String id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("Program", id));
    }

    /** A program that may still change: anything but concluded. */
    private Program open(String id) {
        Program program = get(id);
        if (program.status() == ProgramStatus.CONCLUDED) {
            throw ApiException.conflict("Program " + id + " is concluded; nothing of it changes any more");
        }
        return program;
    }

    private Program save(Program before, Program after, EventType<ProgramState> type) {
        if (!store.replace(before.version(), after, event(type, after))) {
            throw ApiException.conflict("Program " + before.id() + " was changed meanwhile; read it again and retry");
        }
        return after;
    }

    private CloudEvent event(EventType<ProgramState> type, Program program) {
        // the scope unit's path, and the enrolled units' paths in unitscope, for unit-scoped readers (the live stream)
        List<String> scope = program.scopeUnitId() == null ? List.of() : units.path(program.scopeUnitId());
        var enrolled = program.enrolledUnitIds().stream().flatMap(id -> units.path(id).stream()).toList();
        return events.create(type, program.id(), program.id(), program.id(), scope, enrolled, program.state());
    }
}

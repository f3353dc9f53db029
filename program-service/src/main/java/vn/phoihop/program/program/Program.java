package vn.phoihop.program.program;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.phoihop.events.program.ProgramState;

/**
 * A coordination program or the directive it implements, e.g. 09/CTr-BCA-MTTW. Changes return a new
 * program with the next {@code version}; the store writes it only over the version it was read at.
 */
public record Program(
        String id,
        long version,
        String code,
        List<String> aliases,
        String title,
        ProgramKind kind,
        List<String> issuers,
        String implementsId,
        String predecessorId,
        LocalDate startsOn,
        LocalDate endsOn,
        String scopeUnitId,
        ProgramStatus status,
        List<Indicator> indicators,
        List<Target> targets,
        List<String> enrolledUnitIds) {

    public Program {
        targets = targets == null ? List.of() : List.copyOf(targets);
        enrolledUnitIds = enrolledUnitIds == null ? List.of() : List.copyOf(enrolledUnitIds);
    }

    public Optional<Indicator> indicator(String code) {
        return indicators.stream().filter(i -> i.code().equals(code)).findFirst();
    }

    /**
     * The target of an indicator for a unit's subtree over a period: the one set for exactly that period, else, for a
     * SUM, the targets set for periods inside it added up (yearly targets over a multi-year review); null if none.
     */
    public BigDecimal targetFor(Indicator indicator, String unitId, LocalDate from, LocalDate to) {
        var forUnit = targets.stream().filter(t -> t.indicatorCode().equals(indicator.code()) && t.unitId().equals(unitId))
                .toList();
        var exact = forUnit.stream().filter(t -> t.periodStart().equals(from) && t.periodEnd().equals(to)).findFirst();
        if (exact.isPresent() || indicator.aggregation() != Aggregation.SUM) {
            return exact.map(Target::value).orElse(null);
        }
        var inside = forUnit.stream().filter(t -> !t.periodStart().isBefore(from) && !t.periodEnd().isAfter(to)).toList();
        return inside.isEmpty() ? null : inside.stream().map(Target::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    Program withStatus(ProgramStatus newStatus) {
        return next(newStatus, indicators, targets, enrolledUnitIds);
    }

    Program withIndicator(Indicator indicator) {
        var all = new ArrayList<>(indicators);
        all.add(indicator);
        return next(status, all, targets, enrolledUnitIds);
    }

    /** Sets the target of its slot (indicator, unit, period), replacing an earlier value. */
    Program withTarget(Target target) {
        var all = new ArrayList<>(targets.stream().filter(t -> !t.sameSlot(target)).toList());
        all.add(target);
        return next(status, indicators, all, enrolledUnitIds);
    }

    Program withEnrolment(String unitId) {
        var all = new ArrayList<>(enrolledUnitIds);
        all.add(unitId);
        return next(status, indicators, targets, all);
    }

    private Program next(ProgramStatus newStatus, List<Indicator> newIndicators, List<Target> newTargets,
            List<String> newEnrolments) {
        return new Program(id, version + 1, code, aliases, title, kind, issuers, implementsId, predecessorId, startsOn,
                endsOn, scopeUnitId, newStatus, List.copyOf(newIndicators), newTargets, newEnrolments);
    }

    /** What every program event carries, for consumers' views. */
    public ProgramState state() {
        return new ProgramState(id, version, code, title, status.name(), startsOn, endsOn, scopeUnitId,
                indicators.stream().map(i -> new ProgramState.Indicator(i.code(), i.name(), i.unitOfMeasure(),
                        i.aggregation().name())).toList(), enrolledUnitIds);
    }
}

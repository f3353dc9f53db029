package vn.phoihop.unit.unit;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.unit.UnitCreated;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.unit.unit.mongo.UnitStore;

/** Creates and finds units; each change is stored with its event in one write. */
@Service
public class UnitRegistry {

    private final UnitStore store;
    private final EventCodec events;
    private final Clock clock;

    public UnitRegistry(UnitStore store, EventCodec events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    public Unit create(String code, String name, UnitKind kind, String parentId, LocalDate validFrom) {
        List<String> ancestors = new ArrayList<>();
        if (parentId != null) {
            Unit parent = store.find(parentId).orElseThrow(() -> ApiException.rejected(
                    "Parent unit " + parentId + " does not exist", new ApiException.FieldError("parentId", "unknown unit")));
            ancestors.addAll(parent.path());
        }
        LocalDate from = validFrom != null ? validFrom : LocalDate.now(clock);
        var unit = new Unit(UUID.randomUUID().toString(), code, name, kind, parentId, List.copyOf(ancestors), from, null,
                List.of());
        var event = events.create(EventTypes.UNIT_CREATED, unit.id(), unit.id(), null, unit.path(),
                new UnitCreated(unit.id(), code, name, kind.name(), parentId, unit.ancestorIds(), from));
        store.insert(unit, event);
        return unit;
    }

    public Optional<Unit> findActiveByCode(String code) {
        return store.findActiveByCode(code);
    }

    public Optional<Unit> find(String id) {
        return store.find(id);
    }
}

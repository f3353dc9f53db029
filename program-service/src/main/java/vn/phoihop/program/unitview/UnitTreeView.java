package vn.phoihop.program.unitview;

import java.util.HashSet;
import java.util.Optional;
import org.springframework.stereotype.Service;
import vn.phoihop.program.unitview.mongo.UnitPlaces;

/**
 * Today's unit tree as far as program-service needs it: whether a unit lies in a program's scope. Fed by the
 * {@code units} topic, so a unit created a moment ago may not be known yet.
 */
@Service
public class UnitTreeView {

    private static final int MAX_DEPTH = 64;

    private final UnitPlaces places;

    public UnitTreeView(UnitPlaces places) {
        this.places = places;
    }

    public Optional<UnitPlace> find(String unitId) {
        return places.find(unitId);
    }

    /** True if {@code unitId} is {@code ancestorId} or hangs under it today. */
    public boolean isWithin(String unitId, String ancestorId) {
        var seen = new HashSet<String>();
        String current = unitId;
        while (current != null && seen.size() < MAX_DEPTH && seen.add(current)) {
            if (current.equals(ancestorId)) {
                return true;
            }
            current = places.find(current).map(UnitPlace::parentId).orElse(null);
        }
        return false;
    }
}

package vn.phoihop.program.progress;

/** Counter ids: {@code programId|indicator|unitId|bucket}, where the unit {@value #PROGRAM_WIDE} is the whole program. */
public final class CounterIds {

    public static final String PROGRAM_WIDE = "*";

    private CounterIds() {
    }

    public static String of(String programId, String indicator, String unitId, String bucket) {
        return programId + "|" + indicator + "|" + unitId + "|" + bucket;
    }
}

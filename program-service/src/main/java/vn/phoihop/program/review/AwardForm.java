package vn.phoihop.program.review;

/** Certificate of merit (Bằng khen), commendation (Giấy khen), emulation flag (Cờ thi đua), medal (Kỷ niệm chương). */
public enum AwardForm {
    CERTIFICATE_OF_MERIT("Bằng khen"), COMMENDATION("Giấy khen"), EMULATION_FLAG("Cờ thi đua"), MEDAL("Kỷ niệm chương");

    private final String vietnamese;

    AwardForm(String vietnamese) {
        this.vietnamese = vietnamese;
    }

    public String vietnamese() {
        return vietnamese;
    }
}

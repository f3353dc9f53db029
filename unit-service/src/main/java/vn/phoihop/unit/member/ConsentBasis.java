package vn.phoihop.unit.member;

/** Why a member's personal data may be processed (Decree 13/2023/NĐ-CP). */
public enum ConsentBasis {
    /** The person's own consent (Art. 11): it can be withdrawn, and then processing stops. */
    CONSENT,
    /** Processing without consent where a law provides for it (Art. 17); there is no consent to withdraw. */
    LEGAL_OBLIGATION
}

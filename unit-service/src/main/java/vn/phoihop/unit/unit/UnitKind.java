package vn.phoihop.unit.unit;

/** What a unit is: an administrative level, an agency's unit, or a grassroots team. */
public enum UnitKind {
    PROVINCE, DISTRICT, COMMUNE, HAMLET,
    POLICE_UNIT, FRONT_COMMITTEE, MEMBER_ORGANISATION, STEERING_COMMITTEE,
    SECURITY_TEAM, SELF_MANAGEMENT_TEAM, MEDIATION_TEAM, CRIME_PREVENTION_TEAM,
    AGENCY, ENTERPRISE, SCHOOL
}

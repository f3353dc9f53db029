package vn.phoihop.unit.member;

import java.util.List;

/**
 * A page of a roster as a reader may see it.
 *
 * @param after the id of the last member on this page when more follow, else {@code null}
 */
public record MemberPage(List<Member> items, String after, Reader.Disclosure disclosure) {
}

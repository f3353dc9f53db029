package vn.phoihop.auth.client.web;

import java.util.List;

/** A page of clients; {@code nextCursor} is {@code null} on the last one. */
record ClientPage(List<ClientView> items, String nextCursor) {
}

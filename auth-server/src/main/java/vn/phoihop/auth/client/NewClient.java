package vn.phoihop.auth.client;

/** What an administrator asks for; the id and the secret are made by {@link ClientRegistry}. */
public record NewClient(String name, ClientProfile profile) {
}

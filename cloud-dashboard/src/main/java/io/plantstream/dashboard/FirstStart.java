package io.plantstream.dashboard;

/**
 * Shows the generated password of the first admin, once, on the console of the first start. It
 * is not logged (logs are kept and shipped); whoever starts the dashboard the first time reads it
 * and changes it after logging in.
 */
final class FirstStart {
    private FirstStart() {
    }

    static void show(String user, String password) {
        String line = "=".repeat(72);
        System.out.println(line);
        System.out.println("First start of the dashboard: created the account '" + user + "' with the password");
        System.out.println();
        System.out.println("    " + password);
        System.out.println();
        System.out.println("It is shown only this once. Log in and change it (Users page). To give the first");
        System.out.println("password yourself instead, start with --admin.password.file=<file>.");
        System.out.println(line);
        System.out.flush();
    }
}

package org.gluster.events.shell;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gluster.events.launcher.Layout;
import org.gluster.events.runtime.cluster.App;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "app-add", description = {
        "Register an application and print its secret, once.",
        "The secret is stored only as a salted hash, so nobody can show it again (app-del, then app-add, "
                + "gives a new one). The application sends it as 'Authorization: Bearer SECRET' (or ?access_token=SECRET) "
                + "to ws://<any node>:24010/v1/events and GET /v1/peers. The registration is pushed to every node: "
                + "NODE | NODE STATUS | SYNC STATUS.",
        "Exit 10 if NAME is already registered, 1 if NAME is not allowed, 12 if a node did not take it."})
final class AppAddCommand extends AppsCommand {
    @Parameters(paramLabel = "NAME", description = "A name for the application, as logs will show it: " + App.NAME_RULE
            + " ('.' is not allowed: it separates the parts of a token; 'cluster' is reserved).")
    String name;

    @Override
    int run(Layout layout, Output output) throws CommandFailure, InterruptedException {
        try {
            App.validateName(name);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.ERROR, e.getMessage());
        }
        Map<String, App> apps = read(layout);
        if (apps.containsKey(name)) {
            throw new CommandFailure(ExitCode.APP_EXISTS, "Application " + name
                    + " already exists (its secret cannot be shown again; gluster-rest app-del " + name + " and app-add it for a new one)");
        }
        String secret = App.newSecret();
        App app = App.register(name, secret, Instant.now());
        apps.put(name, app);
        write(layout, apps);
        NodeTable pushed = push(layout);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("secret", secret);
        json.put("created", app.created());
        json.put("nodes", pushed.json());
        output.result("Application " + name + " is registered. Its secret, shown this once only:\n\n    " + secret + "\n\n"
                + "Keep it where the application reads it; it goes in 'Authorization: Bearer <secret>' or ?access_token=<secret>.\n"
                + "For a short-lived token instead: gluster-rest token " + name + "\n" + pushed.text(), json);
        return exitCode(pushed);
    }
}

package org.gluster.events.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gluster.events.launcher.Layout;
import org.gluster.events.runtime.cluster.App;

import picocli.CommandLine.Command;

@Command(name = "app-list", description = {
        "List the registered applications and when each was added.",
        "Never a secret: only salted hashes are kept. "
                + "--json: {\"output\": [{\"name\": ..., \"created\": ...}], \"error\": \"\"}."})
final class AppListCommand extends AppsCommand {
    @Override
    int run(Layout layout, Output output) throws CommandFailure {
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> json = new ArrayList<>();
        for (App app : read(layout).values()) {
            rows.add(List.of(app.name(), app.created()));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", app.name());
            entry.put("created", app.created());
            json.add(entry);
        }
        output.result(rows.isEmpty() ? "No applications registered (gluster-rest app-add NAME registers one)"
                : Output.table(List.of("APPLICATION", "CREATED"), rows), json);
        return ExitCode.OK;
    }
}

package org.gluster.events.shell;

import java.util.Map;

import org.gluster.events.launcher.Layout;
import org.gluster.events.runtime.cluster.App;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "app-del", description = {
        "Unregister an application on every node.",
        "Its secret and every token made for it stop working at the next request they are used for. "
                + "The change is pushed to every node: NODE | NODE STATUS | SYNC STATUS.",
        "Exit 11 if NAME is not registered, 12 if a node did not take it."})
final class AppDelCommand extends AppsCommand {
    @Parameters(paramLabel = "NAME", description = "The registered application (gluster-rest app-list).")
    String name;

    @Override
    int run(Layout layout, Output output) throws CommandFailure, InterruptedException {
        Map<String, App> apps = read(layout);
        existing(apps, name);
        apps.remove(name);
        write(layout, apps);
        NodeTable pushed = push(layout);
        output.result("Application " + name + " is unregistered; its secret and tokens no longer work.\n" + pushed.text(), pushed.json());
        return exitCode(pushed);
    }
}

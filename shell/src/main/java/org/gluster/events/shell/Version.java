package org.gluster.events.shell;

import picocli.CommandLine.IVersionProvider;

/** The version of the distribution, from the jar's manifest. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"glustereventsd " + (version == null ? "(development build)" : version)};
    }
}

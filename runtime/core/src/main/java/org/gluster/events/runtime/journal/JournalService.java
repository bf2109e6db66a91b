package org.gluster.events.runtime.journal;

import java.io.IOException;
import java.nio.file.Path;

import org.gluster.events.runtime.node.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Opens this node's journal and offers it as the {@link Journal} service: the disk journal in
 * {@code <workdir>/events/journal}, or, with the framework property
 * {@code glustereventsd.journal=memory}, a memory-only one (for measuring what durability costs).
 */
@Component(immediate = true)
public final class JournalService {
    static final String KIND_PROPERTY = "glustereventsd.journal";
    static final String SEGMENT_BYTES_PROPERTY = "glustereventsd.journal.segment.bytes";
    private static final long SEGMENT_BYTES = 64L << 20;
    private static final int RECENT_EVENTS = 16_384;
    private static final int MEMORY_CAPACITY = 100_000;

    private Journal journal;
    private ServiceRegistration<Journal> registration;

    @Activate
    void activate(BundleContext context) throws IOException {
        if ("memory".equals(context.getProperty(KIND_PROPERTY))) {
            journal = new MemoryJournal(MEMORY_CAPACITY);
        } else {
            Path directory = RuntimeLayout.from(context).eventsDir().resolve("journal");
            String segmentBytes = context.getProperty(SEGMENT_BYTES_PROPERTY);
            journal = new DiskJournal(directory, segmentBytes == null ? SEGMENT_BYTES : Long.parseLong(segmentBytes), RECENT_EVENTS);
        }
        registration = context.registerService(Journal.class, journal, null);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        if (journal instanceof DiskJournal disk) disk.close();
    }
}

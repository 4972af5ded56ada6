package io.github.flinksslext.testing;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Collects what the jar logs while open, to assert on WARN and INFO lines. */
public final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LogManager.getLogger("io.github.flinksslext");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;

    public LogCapture() {
        appender = new AbstractAppender("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
                threads.add(event.getThreadName());
            }
        };
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.INFO);
    }

    public List<String> lines() {
        return lines;
    }

    /** What the calling thread logged: not the process's background threads (file watcher, expiry check). */
    public List<String> ofThisThread() {
        String me = Thread.currentThread().getName();
        List<String> mine = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size() && i < threads.size(); i++) {
            if (me.equals(threads.get(i))) {
                mine.add(lines.get(i));
            }
        }
        return mine;
    }

    public List<String> at(Level level) {
        return lines.stream().filter(l -> l.startsWith(level.name() + " ")).collect(Collectors.toList());
    }

    @Override
    public void close() {
        root.removeAppender(appender);
        appender.stop();
    }
}

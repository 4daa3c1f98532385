/** The {@code pinnerformer} command. */
module org.pinnerformer.cli {
    requires org.pinnerformer.core;
    requires org.pinnerformer.testkit;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires xchart;
    requires java.desktop;
    requires java.management;

    opens org.pinnerformer.cli to info.picocli;
}

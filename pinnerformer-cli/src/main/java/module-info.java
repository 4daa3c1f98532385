/** The {@code pinnerformer} command. */
module org.pinnerformer.cli {
    requires org.pinnerformer.core;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires xchart;
    requires java.desktop;

    opens org.pinnerformer.cli to info.picocli;
}

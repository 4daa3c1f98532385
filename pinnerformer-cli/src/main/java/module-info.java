/** The {@code pinnerformer} command. */
module org.pinnerformer.cli {
    requires org.pinnerformer.core;
    requires org.pinnerformer.testkit;
    requires info.picocli;

    opens org.pinnerformer.cli to info.picocli;
}

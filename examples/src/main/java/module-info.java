/** Small runnable programs, one idea each. */
module org.pinnerformer.examples {
    requires org.pinnerformer.core;
}

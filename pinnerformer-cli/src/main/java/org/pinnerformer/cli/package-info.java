/** The {@code pinnerformer} command line. */
package org.pinnerformer.cli;

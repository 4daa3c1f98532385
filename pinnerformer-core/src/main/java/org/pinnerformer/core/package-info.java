/** Entry points of the core module. */
package org.pinnerformer.core;

/** Example programs. */
package org.pinnerformer.examples;

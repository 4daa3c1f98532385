/**
 * Training objectives (paper, Fig. 2) as a sealed family of records, negative sampling, and training
 * options. Defaults follow the paper: dense all action over a 28-day window.
 */
package org.pinnerformer.api.objective;

/**
 * The daily embedding job on Apache Spark, for deployments that outgrow one machine: {@link
 * org.pinnerformer.spark.SparkDailyJob} reads the action log, the item vectors and the previous user embedding
 * table from any Spark source, embeds the users active since the previous run with one model per executor JVM,
 * carries everyone else's vector over unchanged, and writes the new table as Parquet; it also writes the item
 * embeddings that the retrieval index is built from.
 *
 * <p>This package lives on the class path only (Spark's jars are not valid module names), so the module has no
 * module descriptor. The table layouts are in {@link org.pinnerformer.spark.Tables}; the Java 17 flags Spark needs
 * are in {@link org.pinnerformer.spark.SparkJavaOptions}. See {@code docs/spark.md}.
 */
package org.pinnerformer.spark;

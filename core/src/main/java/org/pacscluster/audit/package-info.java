/**
 * The tag audit: images whose Modality or region tag is missing or disagrees with what their cluster holds,
 * ranked by confidence, for a person to check.
 */
package org.pacscluster.audit;

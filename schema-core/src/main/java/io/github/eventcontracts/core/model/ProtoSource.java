package io.github.eventcontracts.core.model;

/**
 * One file of a linked Protobuf schema as it was read: the name reports use and its text. Code
 * generation hands protoc exactly these files, so it sees what validation saw.
 */
public record ProtoSource(String displayPath, String text) {}

package io.orderstream.event;

import java.util.List;

/**
 * One field of the order event: its JSON name, kind, whether an event is unusable without it, and
 * (for objects and lists) the fields of its elements.
 */
public record EventField(String name, FieldKind kind, boolean required, List<EventField> children) {

  public EventField {
    children = List.copyOf(children);
  }

  static EventField optional(String name, FieldKind kind) {
    return new EventField(name, kind, false, List.of());
  }

  static EventField required(String name, FieldKind kind) {
    return new EventField(name, kind, true, List.of());
  }

  static EventField object(String name, EventField... children) {
    return new EventField(name, FieldKind.OBJECT, false, List.of(children));
  }

  static EventField list(String name, EventField... elementFields) {
    return new EventField(name, FieldKind.LIST, false, List.of(elementFields));
  }
}

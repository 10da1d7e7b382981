package io.plantstream.events.serde;

import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.plantstream.events.OptionalField;

/** Every record component of the contract is required unless marked {@link OptionalField}. */
final class RequiredUnlessOptional extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean hasRequiredMarker(AnnotatedMember member) {
        Boolean explicit = super.hasRequiredMarker(member);
        if (explicit != null) {
            return explicit;
        }
        if (member.getDeclaringClass().isRecord()) {
            return !member.hasAnnotation(OptionalField.class);
        }
        return null;
    }
}

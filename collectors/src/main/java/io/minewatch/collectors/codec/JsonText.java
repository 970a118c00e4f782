package io.minewatch.collectors.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** How rejection details name a piece of JSON. */
final class JsonText {

    private JsonText() {
    }

    static String shortText(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            return describe(token);
        }
        String text = parser.getText();
        if (token == JsonToken.VALUE_STRING) {
            text = '"' + text + '"';
        }
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "end of input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }
}

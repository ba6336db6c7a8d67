package org.relnet.data.clevr;

/** The paper's two question kinds; index = position in the question vector's type one-hot. */
public enum QuestionType {
    NON_RELATIONAL("non-relational"),
    RELATIONAL("relational");

    private final String label;

    QuestionType(String label) { this.label = label; }

    public String label() { return label; }
}

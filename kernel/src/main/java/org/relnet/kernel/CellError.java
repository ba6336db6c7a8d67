package org.relnet.kernel;

import java.util.List;

/** What the notebook shows for a failed cell: Jupyter's ename, evalue and traceback lines. */
interface CellError {
    String ename();

    String evalue();

    List<String> traceback();
}

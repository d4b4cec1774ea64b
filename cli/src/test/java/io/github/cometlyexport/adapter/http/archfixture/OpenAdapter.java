package io.github.cometlyexport.adapter.http.archfixture;

import io.github.cometlyexport.domain.ExportJob;
import io.github.cometlyexport.domain.ExportJobId;
import io.github.cometlyexport.port.driven.FetchExportJobPort;

/** Deliberately bad: adapters are final. */
public class OpenAdapter implements FetchExportJobPort {
    @Override
    public ExportJob fetch(ExportJobId id) {
        throw new UnsupportedOperationException("fixture");
    }
}

"""Media monitoring: the sample (outlets, programmes, who codes what), coding by page or coding sheet, and the
second coding that measures agreement between monitors. Results and report blocks are in reports.media."""

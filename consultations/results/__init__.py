"""The results of a consultation, as readers see them: the organisers' texts, their document and their answers to
ideas, each linked to the comments it answers (``reading``). The organisers write them in the admin ("Results" tab
of the page, ``consultations.panels``)."""

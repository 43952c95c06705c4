-- A version whose model keeps its weights in external data is stored as one artifact, the zip of the
-- ONNX file, its data files and their descriptor (OML4Py's export2file package). files_json lists the
-- zip's members with their SHA-256s and sizes, as checked when the version was filed, so that every
-- download and deployment can check each file again; NULL for a version that is one ONNX file.
ALTER TABLE model_version ADD COLUMN files_json VARCHAR(100000);

"""Template and phrase packs (模板与素材包): one zip an organisation hands to every cadre."""

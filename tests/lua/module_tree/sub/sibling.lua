name = 'sub/sibling'

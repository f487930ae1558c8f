print("dmux")
